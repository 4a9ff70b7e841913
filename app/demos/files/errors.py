# Errors: run this, then click the underlined `File "<editor>", line …` in the console to jump to the bug.
def average(numbers):
    return sum(numbers) / len(numbers)


print(average([1, 2, 3]))
print(average([]))  # ZeroDivisionError: the editor marks the line where it happened
