export { Pipeline, PIPELINE_KIND } from './pipeline';
export type { PipelineClassifier, PipelineParams, PipelineStep } from './pipeline';
export { makePipeline } from './make-pipeline';
