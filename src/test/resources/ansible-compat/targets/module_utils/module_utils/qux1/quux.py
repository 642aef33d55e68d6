data = 'qux1'
