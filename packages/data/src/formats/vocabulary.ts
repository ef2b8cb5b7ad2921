/** Fixed vocabularies from the GroupLens READMEs, in their documented order. */

/** ml-100k `u.genre` (used when the file is absent). */
export const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

/** ml-1m README, "Genres are pipe-separated and are selected from the following genres". */
export const ML1M_GENRES = ML100K_GENRES.slice(1);

/** ml-latest family README; `(no genres listed)` sets no flag. */
export const ML_LATEST_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export const NO_GENRES = '(no genres listed)';

/** ml-1m age-group codes; the code is the group's lower bound ("18: 18-24", "56: 56+"). */
export const ML1M_AGE_CODES = [1, 18, 25, 35, 45, 50, 56] as const;

/** ml-1m occupation codes 0 … 20, by index. */
export const ML1M_OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
] as const;

/** ml-100k `u.occupation`. */
export const ML100K_OCCUPATIONS = [
  'administrator',
  'artist',
  'doctor',
  'educator',
  'engineer',
  'entertainment',
  'executive',
  'healthcare',
  'homemaker',
  'lawyer',
  'librarian',
  'marketing',
  'none',
  'other',
  'programmer',
  'retired',
  'salesman',
  'scientist',
  'student',
  'technician',
  'writer',
] as const;
