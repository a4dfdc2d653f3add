module.exports = { displayName: 'contracts-common', preset: '../../../jest.preset.js' };
