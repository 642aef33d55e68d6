data = 'spam3'
