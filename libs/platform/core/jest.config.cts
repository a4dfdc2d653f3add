module.exports = { displayName: 'platform-core', preset: '../../../jest.preset.js' };
