data = 'foo0'
