/** Constants shared by the lane kernel's source and the code that lays a forest out for it. */

/** Rows walked together: four 16-lane vectors of u8 leaf indices. Blocks are a multiple of it. */
export const LANE_ROWS = 64;
/** Bytes per node record: three 16-byte splats (a, threshold bin, m), the column offset and the chain-end flag, padded. */
export const LANE_RECORD_BYTES = 64;
/** Bytes per feature table entry of the lane kernel's binning (see binLanes in its source). */
export const FEATURE_ENTRY_BYTES = 48;
/**
 * Trees the walk takes per pass over a group of rows: a row's sum stays in a register while their
 * leaf values are added in tree order, and one tree's walk overlaps the next (measured: 2 to 8 alike).
 */
export const TREES_PER_PASS = 4;
