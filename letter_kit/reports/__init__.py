"""What letterkit prints about a workspace: check, lists, visits, signatories, tables."""
