// Public API of @abt/features — filled in by its issue.
export {};
