data = 'spam8:bacon'
