# asyncio: several coroutines wait at the same time; top-level await works here.
import asyncio
import time


async def brew(drink, seconds):
    print(f"start {drink}")
    await asyncio.sleep(seconds)
    print(f"{drink} is ready")
    return drink


started = time.monotonic()
drinks = await asyncio.gather(brew("tea", 1.0), brew("coffee", 1.5), brew("cocoa", 0.5))
print(f"{drinks} in {time.monotonic() - started:.1f} s, not 3 s: they brewed together")
