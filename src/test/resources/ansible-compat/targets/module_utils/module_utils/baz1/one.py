data = 'baz1'
