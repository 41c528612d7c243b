// The renderer's entry: the bridge to the core (Electron IPC or HTTP + SSE) and the app around it.
import { mount } from 'svelte';
import App from './App.svelte';
import { createLiveState, getBridge } from './lib/bridge.js';
import './styles/app.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element: the renderer cannot start');
const bridge = getBridge();
mount(App, { target, props: { bridge, live: createLiveState(bridge) } });
