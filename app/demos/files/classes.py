# Classes: a bank account with a subclass, properties and special methods.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        return self

    def withdraw(self, amount):
        if amount > self._balance:
            raise ValueError(f"{self.owner} cannot withdraw {amount}: only {self._balance} left")
        self._balance -= amount
        return self

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, balance={self._balance})"


class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        return self.deposit(round(self._balance * self.rate, 2))


account = SavingsAccount("Grace", 100).deposit(50).add_interest()
print(account)
try:
    account.withdraw(1000)
except ValueError as error:
    print("Refused:", error)
