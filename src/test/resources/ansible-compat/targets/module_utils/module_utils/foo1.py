data = 'foo1'
