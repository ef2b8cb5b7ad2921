// Public API of @abt/router — filled in by its issue.
export {};
