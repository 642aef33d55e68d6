data = 'yak'
