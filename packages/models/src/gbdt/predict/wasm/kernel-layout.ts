/** Constants shared by the kernel's source and the code that lays a forest out for it. */

/** Rows walking a tree in lock step; the kernel's row count must be a multiple of it. */
export const LANES = 16;
/** Rows binned side by side (independent searches overlap; 8 measured faster than 4); blocks are a multiple of it. */
export const BIN_ROWS = 8;
/** Threshold bin of a leaf record: every bin exceeds it (signed compare); a leaf's children are itself. */
export const LEAF_THRESHOLD = -1;
/** Set in a leaf's threshold and in no node's (node thresholds are u16 bins). */
export const LEAF_BIT = 0x10000;
/** Bytes per node record: column byte offset, threshold bin, left record, right record. */
export const RECORD_BYTES = 16;
