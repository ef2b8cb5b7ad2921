// Public API of @abt/tracking — filled in by its issue.
export {};
