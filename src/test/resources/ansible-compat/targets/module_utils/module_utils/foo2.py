data = 'foo2'
