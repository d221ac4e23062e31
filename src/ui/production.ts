// The lab runs React and its reconciler in production mode unless told otherwise: the development
// builds check and profile every render, which costs the lab a large share of each frame.
// Imported first by src/ui/index.tsx, so it runs before React is loaded. (The bundle built by
// scripts/build.mjs has NODE_ENV fixed at build time; this covers running from source.)
const env = process.env;
env.NODE_ENV ??= 'production';
