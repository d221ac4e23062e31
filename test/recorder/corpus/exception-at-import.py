import asyncio
print("top of module")
value = {"a": 1}["b"]
