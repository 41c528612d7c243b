import { describe, expect, it } from 'vitest';
import { isLoopbackHost, registryBaseUrl } from './registry-endpoint.js';

describe('registryBaseUrl', () => {
  it('maps docker.io to registry-1.docker.io over https', () => {
    expect(registryBaseUrl('docker.io', {})).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('ghcr.io', {})).toBe('https://ghcr.io');
  });

  it('uses plain http only for loopback hosts and listed insecure registries', () => {
    expect(registryBaseUrl('localhost:5000', {})).toBe('http://localhost:5000');
    expect(registryBaseUrl('127.0.0.1:5000', {})).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('[::1]:5000', {})).toBe('http://[::1]:5000');
    expect(registryBaseUrl('registry.lan:5000', {})).toBe('https://registry.lan:5000');
    expect(registryBaseUrl('registry.lan:5000', { insecureRegistries: ['registry.lan:5000'] })).toBe(
      'http://registry.lan:5000',
    );
    expect(registryBaseUrl('registry.lan', { insecureRegistries: ['registry.lan:5000'] })).toBe(
      'https://registry.lan',
    );
  });

  it('honours explicit URLs (tests point docker.io at 127.0.0.1)', () => {
    expect(registryBaseUrl('docker.io', { registryUrls: { 'docker.io': 'http://127.0.0.1:9/' } })).toBe(
      'http://127.0.0.1:9',
    );
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.10.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});
