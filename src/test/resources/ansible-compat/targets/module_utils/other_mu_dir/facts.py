data = 'should not be visible facts.py'
