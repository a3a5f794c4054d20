"""`letterkit preview`: the letter in the browser, updated as its files are saved."""
