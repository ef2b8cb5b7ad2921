// Public API of @abt/eval — filled in by its issue.
export {};
