// Placeholder entry until the commands land.
console.log('asyncio-lab');
