// Entry of the graph benchmark page (plain JS so the root tsconfig, which has no DOM types,
// does not check it; BenchPage.svelte is checked by svelte-check).
/* global document -- a browser page; the repository's eslint config only knows Node globals */
import { mount } from 'svelte';
import BenchPage from './BenchPage.svelte';

mount(BenchPage, { target: document.getElementById('app') });
