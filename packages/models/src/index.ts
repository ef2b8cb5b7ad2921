// Public API of @abt/models.
export type { DenseMatrix, CsrMatrix, Matrix } from './matrix';
export { isCsr } from './matrix';
export type { Classifier, FitOptions, SerializedModel } from './model';
export { ModelsError, NotFittedError, InvalidParamError, InvalidInputError, ModelFormatError } from './errors';
export type { ModelsErrorCode } from './errors';
