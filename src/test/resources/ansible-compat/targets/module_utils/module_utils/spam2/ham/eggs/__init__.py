data = 'spam2'
