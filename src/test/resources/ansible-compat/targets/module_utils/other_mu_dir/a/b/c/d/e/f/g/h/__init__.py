data = 'should not be visible abcdefgh'
