// The renderer's entry: the bridge to the core (Electron IPC or HTTP + SSE), the stores over it, and
// the app around them.
import { mount } from 'svelte';
import App from './App.svelte';
import { getBridge } from './lib/bridge.js';
import { createStores } from './stores/create-stores.js';
import './styles/app.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element: the renderer cannot start');
mount(App, { target, props: { stores: createStores(getBridge()) } });
