/** Read-only access to the files of a dataset, whatever holds them (zip in memory, directory). */
export type FileSource = {
  /** Shown in messages: the zip or directory path. */
  readonly label: string;
  /** Relative member paths with `/` separators. */
  list(): readonly string[];
  /** The bytes of one listed member. */
  read(member: string): Promise<Uint8Array>;
};
