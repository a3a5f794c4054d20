"""Commands that change the workspace data: safe writes, cosigners, sign-on sheets, new letters."""
