data = 'qux2:quuz'
