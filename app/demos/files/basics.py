# Python basics: values, lists, loops and f-strings.
name = "Ada"
languages = ["Python", "C", "JavaScript"]

print(f"Hello, {name}!")
for number, language in enumerate(languages, start=1):
    print(f"{number}. {language} has {len(language)} letters")

squares = [n * n for n in range(1, 11)]
print("Squares:", squares)
print("Their sum:", sum(squares))

ages = {"Ada": 36, "Grace": 85, "Guido": 69}
oldest = max(ages, key=ages.get)
print(f"{oldest} is the oldest, at {ages[oldest]}.")
