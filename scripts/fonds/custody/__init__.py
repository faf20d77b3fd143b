"""Read-only custody views: inventories, audits, the charge-out register, the requests
register, fixity."""
