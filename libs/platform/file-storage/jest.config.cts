module.exports = { displayName: 'platform-file-storage', preset: '../../../jest.preset.js' };
