// Values the store keeps as JSON and gives back as such: the module that owns their shape checks
// them when it reads them back.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
