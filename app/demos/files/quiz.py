# A quiz with input(): type your answers in the console and press Enter.
questions = [
    ("What is 7 * 6?", "42"),
    ("Which keyword defines a function?", "def"),
    ("What does len('hello') return?", "5"),
]

name = input("What is your name? ")
score = 0
for question, answer in questions:
    reply = input(question + " ").strip()
    if reply.lower() == answer:
        print("Correct!")
        score += 1
    else:
        print(f"Not quite: the answer is {answer}.")

print(f"Well done, {name}: {score} out of {len(questions)}.")
