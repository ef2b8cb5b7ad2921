// Public API of @abt/registry — filled in by its issue.
export {};
