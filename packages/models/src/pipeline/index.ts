export { Pipeline, PIPELINE_KIND } from './pipeline';
export type { PipelineStep, PipelineFitOptions } from './pipeline';
export type { PipelineClassifier, PipelineParams, PipelineOptions } from './pipeline-params';
export { makePipeline } from './make-pipeline';
export type { MakePipelineOptions } from './make-pipeline';
