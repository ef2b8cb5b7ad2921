/** Constants shared by the kernel's source and the code that lays a forest out for it. */

/** Rows binned side by side (independent searches overlap; 8 measured faster than 4); blocks are a multiple of it. */
export const BIN_ROWS = 8;
/** Column offset of a leaf record: odd, while every node's (a byte offset of u16 or f32 columns) is even. */
export const LEAF_COLUMN = 1;
/** Bytes per node record: column byte offset, threshold (bin or float32), left record, right record. */
export const RECORD_BYTES = 16;
/** Bytes per pending node on the walk's stack: record, list start, list end. */
export const STACK_ENTRY_BYTES = 12;
