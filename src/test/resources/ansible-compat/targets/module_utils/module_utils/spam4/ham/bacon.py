data = 'spam4'
