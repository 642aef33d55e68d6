data = 'spam1'
