/*
 * Parting Kit: the data shapes (JSDoc typedefs only; no code).
 */

export {};
