"""Replies from the user's own mailbox, read on their computer and proposed before anything is
logged (issue 26).

``sources`` streams messages from an .mbox, a Maildir, a folder of .eml files, uploaded .eml
files or an IMAP folder opened read-only; ``tracker`` says which messages are job mail (only
those are read past their headers); ``classify`` says what a message means and why;
``review`` matches it to an application, proposes the event and writes the accepted ones as one
undoable unit. Nothing here imports streamlit, writes a message body anywhere, or opens a
network connection other than the IMAP host the user typed.
"""
