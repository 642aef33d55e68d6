# docs for Windows module would go here; just ensure we don't accidentally load this instead of the .ps1
