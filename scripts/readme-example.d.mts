export declare const RUNNABLE_MARKER: '<!-- runnable-example -->';
export declare function readmeBlock(text: string, options?: { anchor?: string; lang?: string }): string;
export declare function runReadmeExample(options: {
  readme: string;
  dir: string;
  anchor?: string;
  lang?: string;
  imports?: Record<string, string>;
  replace?: Array<[string, string]>;
  env?: Record<string, string>;
}): Promise<unknown[][]>;
