import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

/** Appends text to a file in ~1 MB chunks, so 10M-line files never sit in memory whole. */
export class ChunkedWriter {
  private readonly fd: number;
  private buf = '';
  constructor(
    path: string,
    private readonly encoding: 'latin1' | 'utf8',
  ) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.buf += text;
    if (this.buf.length >= FLUSH_AT) this.flush();
  }
  private flush(): void {
    if (this.buf.length > 0) writeSync(this.fd, Buffer.from(this.buf, this.encoding));
    this.buf = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
