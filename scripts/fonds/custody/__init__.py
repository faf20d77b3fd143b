"""Read-only custody views: shelf and box lists, audits against barcode scans, the charge-out
register, the requests register, fixity. Nothing here changes a record; the planners in
``changes/`` do."""
