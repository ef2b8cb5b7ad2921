export declare const RESULT_TYPES_HEADING: '## Result types';
export interface DocumentedType {
  required: string[];
  optional: string[];
}
export declare function parseResultTypes(text: string, options?: { heading?: string }): Record<string, DocumentedType>;
export interface ReadmeResultTypes {
  types: Record<string, DocumentedType>;
  /** Documented-but-absent required fields and present-but-undocumented keys of `value`. */
  check(name: string, value: unknown): { missing: string[]; undocumented: string[] };
  /** Documented types no `check` call has covered. */
  unchecked(): string[];
  /** Throws, naming the fields, unless `value` has exactly the README's fields for `name`. */
  expectDocumented(name: string, value: unknown): void;
  /** `expectDocumented` on each of `values` (at least one). */
  expectEach(name: string, values: readonly unknown[]): void;
}
export declare function readmeResultTypes(readmePath: string, options?: { heading?: string }): ReadmeResultTypes;
